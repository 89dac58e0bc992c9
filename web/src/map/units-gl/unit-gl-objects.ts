import { createProgram } from './gl-program';
import { UNIT_FRAGMENT_SHADER, UNIT_VERTEX_SHADER } from './unit-shaders';

export type GL = WebGLRenderingContext | WebGL2RenderingContext;

/**
 * What the units layer holds on the GPU. All of it belongs to one WebGL context: when that context
 * is lost these handles are dead (using them after a restore draws nothing or fails every frame),
 * so the layer drops them and builds a new set from its CPU-side slots.
 */
export interface UnitGlObjects {
  program: WebGLProgram;
  buffer: WebGLBuffer;
  /** vertices the GPU buffer has room for (0: nothing uploaded yet) */
  capacity: number;
  aPos: number;
  aStyle: number;
  u: Record<'matrix' | 'size' | 'radius' | 'ring' | 'pass' | 'bearing' | 'force' | 'shape' | 'status' | 'stale' | 'staleRing', WebGLUniformLocation | null>;
}

export function createUnitGlObjects(gl: GL): UnitGlObjects {
  const program = createProgram(gl, UNIT_VERTEX_SHADER, UNIT_FRAGMENT_SHADER);
  const buffer = gl.createBuffer();
  if (!buffer) throw new Error('WebGL: cannot create a buffer');
  const uniform = (name: string) => gl.getUniformLocation(program, name);
  return {
    program,
    buffer,
    capacity: 0,
    aPos: gl.getAttribLocation(program, 'a_pos'),
    aStyle: gl.getAttribLocation(program, 'a_style'),
    u: {
      matrix: uniform('u_matrix'),
      size: uniform('u_size'),
      radius: uniform('u_radius'),
      ring: uniform('u_ring'),
      pass: uniform('u_pass'),
      bearing: uniform('u_bearing'),
      force: uniform('u_force'),
      shape: uniform('u_shape'),
      status: uniform('u_status'),
      stale: uniform('u_stale'),
      staleRing: uniform('u_stale_ring'),
    },
  };
}

/** Frees them on a live context; on a lost one there is nothing to free (and the calls would be no-ops). */
export function deleteUnitGlObjects(gl: GL, objects: UnitGlObjects): void {
  if (gl.isContextLost()) return;
  gl.deleteBuffer(objects.buffer);
  gl.deleteProgram(objects.program);
}
