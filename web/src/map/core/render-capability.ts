/**
 * Whether WebGL runs on the CPU (SwiftShader, llvmpipe: wall PCs without a
 * usable GPU, remote desktops, headless test browsers). There a full map
 * repaint costs hundreds of milliseconds, so layers update less often and
 * nothing animates on the map; with a GPU everything runs at full rate.
 */
export function detectSoftwareRendering(): boolean {
  try {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return true;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
  } catch {
    return false;
  }
}
