/** The image types a tablet may upload, each with the bytes its files begin with. */
export const PHOTO_TYPES = {
  'image/jpeg': { ext: 'jpg', starts: (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { ext: 'png', starts: (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/webp': { ext: 'webp', starts: (b: Buffer) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP' },
} as const;
export type PhotoType = keyof typeof PHOTO_TYPES;
export const PHOTO_CONTENT_TYPES = Object.keys(PHOTO_TYPES) as PhotoType[];

/**
 * The declared type, if the bytes really are one: a file is served back to every screen with the
 * type stored here, so a script or an HTML page renamed `.jpg` must not get in.
 */
export function photoTypeOf(declared: string | undefined, body: Buffer): PhotoType | null {
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(type in PHOTO_TYPES)) return null;
  return PHOTO_TYPES[type as PhotoType].starts(body) ? (type as PhotoType) : null;
}
