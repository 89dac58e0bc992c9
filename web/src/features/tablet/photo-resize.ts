import imageCompression from 'browser-image-compression';

/** Long side of a report photo: enough to read a plate or a face at the desk, small enough for a weak mobile link. */
export const PHOTO_MAX_SIDE_PX = 1600;
/** Target size; the server's limit (PHOTO_MAX_BYTES, 5 MB by default) is far above it. */
export const PHOTO_TARGET_MB = 0.6;

/**
 * A camera photo (often 4–12 MB) made into a JPEG of about PHOTO_TARGET_MB before it is queued:
 * browser-image-compression draws it on a canvas at PHOTO_MAX_SIDE_PX (EXIF rotation applied) and
 * lowers the quality until it fits. On the main thread: its worker mode would fetch the library
 * from a CDN, and a tablet in the field may have no internet beyond our server.
 */
export async function resizePhoto(file: File): Promise<Blob> {
  if (!file.type.startsWith('image/')) throw new Error(file.type || 'not an image');
  return imageCompression(file, {
    maxSizeMB: PHOTO_TARGET_MB,
    maxWidthOrHeight: PHOTO_MAX_SIDE_PX,
    useWebWorker: false,
    fileType: 'image/jpeg',
    initialQuality: 0.82,
  });
}
