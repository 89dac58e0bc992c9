import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Photo bytes on disk, one file per photo under `<DATA_DIR>/photos`, named by the photo's random
 * id (never by anything a client sent). Written to a temporary name and renamed, so a reader never
 * sees half a file. With several server instances DATA_DIR must be a shared volume.
 */
export class PhotoFiles {
  constructor(private readonly dir: string) {}

  private pathOf(id: string): string {
    // Ids are server-made UUIDs; the check keeps a malformed one from naming another path.
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new RangeError('bad photo id');
    return join(this.dir, `${id}.img`);
  }

  async write(id: string, bytes: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.pathOf(id);
    await writeFile(`${path}.part`, bytes);
    await rename(`${path}.part`, path);
  }

  read(id: string): Promise<Buffer> {
    return readFile(this.pathOf(id));
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }
}
