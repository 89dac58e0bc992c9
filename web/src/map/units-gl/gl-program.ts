/** Compiles and links a shader program; throws with the driver's log (a broken shader is a bug, not a state). */
export function createProgram(gl: WebGLRenderingContext | WebGL2RenderingContext, vertexSource: string, fragmentSource: string): WebGLProgram {
  const program = gl.createProgram();
  if (!program) throw new Error('WebGL: cannot create a program');
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertexSource],
    [gl.FRAGMENT_SHADER, fragmentSource],
  ] as const) {
    const shader = gl.createShader(type);
    if (!shader) throw new Error('WebGL: cannot create a shader');
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`WebGL shader: ${gl.getShaderInfoLog(shader) ?? 'compile failed'}`);
    gl.attachShader(program, shader);
    // Flagged for deletion now, freed with the program.
    gl.deleteShader(shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`WebGL program: ${gl.getProgramInfoLog(program) ?? 'link failed'}`);
  return program;
}

/**
 * The map's mercator→clip matrix with a translation to `origin` folded in, computed in float64:
 * vertices stay small offsets from the origin, so float32 on the GPU loses nothing at street zoom.
 */
export function matrixWithOrigin(m: ArrayLike<number>, origin: readonly [number, number], out: Float32Array): Float32Array {
  for (let i = 0; i < 12; i++) out[i] = m[i]!;
  const [ox, oy] = origin;
  out[12] = m[0]! * ox + m[4]! * oy + m[12]!;
  out[13] = m[1]! * ox + m[5]! * oy + m[13]!;
  out[14] = m[2]! * ox + m[6]! * oy + m[14]!;
  out[15] = m[3]! * ox + m[7]! * oy + m[15]!;
  return out;
}
