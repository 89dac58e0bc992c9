/**
 * GLSL ES 1.00 (runs on WebGL1 and WebGL2 alike). One point sprite per unit: the vertex
 * shader places it and picks its colours, the fragment shader draws the force's shape with the
 * status ring, the heading pointer and the selection halo as distance fields (crisp at any
 * device pixel ratio, no texture atlas to build).
 */

export const UNIT_VERTEX_SHADER = `
precision highp float;
attribute vec3 a_pos;    // mercator x, y relative to the layer origin; z: heading (radians), < -9 = unknown
attribute vec3 a_style;  // force index, status index, flags (1 stale, 2 selected, 4 hidden)
uniform mat4 u_matrix;   // mercator -> clip, with the origin folded in (computed in float64 on the CPU)
uniform mediump float u_size; // sprite side, device px (mediump: shared with the fragment shader)
uniform float u_pass;    // drawing order: 0 stale, 1 free, 2 busy, 3 selected
uniform float u_bearing; // map bearing, radians (0 on the wall)
uniform vec3 u_force[7];
uniform float u_shape[7];
uniform vec3 u_status[7];
uniform vec3 u_stale;
uniform vec3 u_stale_ring;
varying vec3 v_fill;
varying vec3 v_ring;
varying float v_shape;
varying float v_alpha;
varying float v_selected;
varying vec3 v_dir;      // xy: heading as a screen direction (y up); z: 1 when known

void main() {
  float flags = a_style.z;
  float stale = mod(flags, 2.0);
  float selected = mod(floor(flags / 2.0), 2.0);
  float hidden = mod(floor(flags / 4.0), 2.0);
  // statuses 1..4 (dispatched, en_route, on_scene, busy) and 6 (needs_help) are drawn above free units; 0 available and 5 off duty are not
  float busy = step(0.5, a_style.y) * (1.0 - step(4.5, a_style.y) * step(a_style.y, 5.5));
  float pass = selected > 0.5 ? 3.0 : (stale > 0.5 ? 0.0 : 1.0 + busy);
  if (hidden > 0.5 || pass != u_pass) {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0); // outside the clip volume: not drawn this pass
    gl_PointSize = 0.0;
    return;
  }
  int force = int(a_style.x + 0.5);
  int status = int(a_style.y + 0.5);
  v_fill = stale > 0.5 ? u_stale : u_force[force];
  v_ring = stale > 0.5 ? u_stale_ring : u_status[status];
  v_shape = u_shape[force];
  v_alpha = stale > 0.5 ? 0.6 : 1.0;
  v_selected = selected;
  float h = a_pos.z - u_bearing;
  v_dir = vec3(sin(h), cos(h), a_pos.z > -9.0 ? 1.0 : 0.0);
  gl_Position = u_matrix * vec4(a_pos.xy, 0.0, 1.0);
  gl_PointSize = u_size;
}
`;

export const UNIT_FRAGMENT_SHADER = `
precision mediump float;
uniform mediump float u_size; // sprite side, device px (mediump: shared with the fragment shader)
uniform float u_radius;  // body radius, device px
uniform float u_ring;    // status ring width, device px
varying vec3 v_fill;
varying vec3 v_ring;
varying float v_shape;
varying float v_alpha;
varying float v_selected;
varying vec3 v_dir;

// Signed distance (device px, < 0 inside) to a regular n-gon with this apothem; p has y up.
float ngon(vec2 p, float n, float apothem, float rot) {
  float seg = 6.2831853 / n;
  float a = atan(p.x, p.y) + rot;
  return cos(floor(0.5 + a / seg) * seg - a) * length(p) - apothem;
}

// The force's shape (indices as FORCE_SHAPES in unit-look.ts), sized to look as big as a circle of radius r.
float shapeDist(vec2 p, float shape, float r) {
  if (shape < 0.5) return length(p) - r;                                   // circle
  if (shape < 1.5) return max(abs(p.x), abs(p.y)) - r * 0.86;              // square
  if (shape < 2.5) return (abs(p.x) + abs(p.y)) * 0.7071 - r * 0.82;       // diamond
  if (shape < 3.5) return ngon(p + vec2(0.0, r * 0.2), 3.0, r * 0.62, 3.14159265); // triangle, point up
  if (shape < 4.5) return ngon(p, 6.0, r * 0.9, 0.0);                       // hexagon
  if (shape < 5.5) {                                                        // cross
    vec2 q = abs(p);
    return min(max(q.x - r, q.y - r * 0.4), max(q.x - r * 0.4, q.y - r));
  }
  return ngon(p - vec2(0.0, r * 0.2), 3.0, r * 0.62, 0.0);                  // triangle, point down
}

// Paints a premultiplied colour of coverage a over what is there.
vec4 over(vec4 under, vec3 rgb, float a) {
  return vec4(rgb * a + under.rgb * (1.0 - a), a + under.a * (1.0 - a));
}

void main() {
  vec2 p = (gl_PointCoord - 0.5) * u_size;
  p.y = -p.y;
  // The sprite's corners hold nothing (everything lies within a circle of half its side): skip them early.
  if (dot(p, p) > 0.25 * u_size * u_size) discard;
  float d = shapeDist(p, v_shape, u_radius);
  vec4 c = vec4(0.0);
  // Selection: a white halo a few px outside the shape.
  float halo = v_selected * (1.0 - smoothstep(u_ring + 3.0, u_ring + 4.0, d)) * smoothstep(0.5, 1.5, d);
  c = over(c, vec3(1.0), halo);
  // Heading: a small pointer just outside the body, in the status colour.
  if (v_dir.z > 0.5) {
    float along = dot(p, v_dir.xy);
    float across = abs(dot(p, vec2(v_dir.y, -v_dir.x)));
    float tip = u_radius * 1.5;
    float ptr = max(across - (tip - along) * 0.6, u_radius * 0.5 - along);
    c = over(c, v_ring, 1.0 - smoothstep(-0.5, 0.5, ptr));
  }
  // A dark edge so the marker stands out on roads and on other markers.
  c = over(c, vec3(0.02, 0.035, 0.055), 0.85 * (1.0 - smoothstep(0.5, 1.5 + u_ring * 0.3, d)));
  // Body: the status ring, then the force's colour inside it.
  float body = 1.0 - smoothstep(-0.5, 0.5, d);
  float inner = 1.0 - smoothstep(-0.5, 0.5, d + u_ring);
  c = over(c, mix(v_ring, v_fill, inner), body);
  gl_FragColor = c * v_alpha;
  if (gl_FragColor.a < 0.01) discard;
}
`;
