/**
 * Reading workspace files safely: only regular files, only inside the workspace folders
 * (after resolving symlinks), never more than a size cap, decoded the way kubectl decodes.
 */
import { constants, promises as fsp } from 'fs';
import * as path from 'path';

/** Files beyond this are never read, whatever the settings say. */
export const MAX_READ = 64 * 1024 * 1024;

export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Decode file bytes. UTF-8 (with or without a BOM) and UTF-16 with a BOM are decoded, as
 * kubectl does (its YAML reader converts BOM-marked UTF-16 to UTF-8). kubectl rejects UTF-32
 * ("control characters are not allowed"), so it is reported, not analysed.
 */
export function decodeYaml(buf: Uint8Array): ReadResult {
  const b0 = buf[0];
  const b1 = buf[1];
  if (
    buf.length >= 4 &&
    ((b0 === 0xff && b1 === 0xfe && buf[2] === 0 && buf[3] === 0) ||
      (b0 === 0 && b1 === 0 && buf[2] === 0xfe && buf[3] === 0xff))
  ) {
    return {
      ok: false,
      reason: 'UTF-32 text: kubectl cannot read it (control characters are not allowed). Save the file as UTF-8.',
    };
  }
  // YAML's encoding detection (spec 5.2): an ASCII character and a NUL first is UTF-16 without a
  // BOM; kubectl does not convert it and rejects the NULs.
  if (buf.length >= 2 && (b0 === 0) !== (b1 === 0) && !(b0 === 0xfe || b0 === 0xff)) {
    return {
      ok: false,
      reason:
        'UTF-16 text without a byte order mark: kubectl cannot read it (control characters are not allowed). Save the file as UTF-8.',
    };
  }
  if (buf.length >= 2 && b0 === 0xff && b1 === 0xfe)
    return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  if (buf.length >= 2 && b0 === 0xfe && b1 === 0xff)
    return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
  // Invalid UTF-8 sequences become U+FFFD, as before; a UTF-8 BOM is kept (the YAML parser skips it).
  return { ok: true, text: Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8') };
}

/** Whether `p` (an absolute, resolved path) lies inside one of `roots`. */
export function isInside(p: string, roots: readonly string[]): boolean {
  return roots.some((r) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
}

/** Real paths of workspace folders (a folder that cannot be resolved is kept as given). */
export async function realRoots(roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const r of roots) {
    try {
      out.push(await fsp.realpath(r));
    } catch {
      out.push(path.resolve(r));
    }
  }
  return out;
}

export interface ReadOptions {
  /** When given, the file's real path must lie inside one of these (real) folders. */
  roots?: readonly string[];
  /** Largest file read, in bytes (MAX_READ at most). */
  maxBytes?: number;
}

/**
 * Read a YAML file: resolve its real path, check it is inside the roots, open it without
 * blocking (a FIFO must not hang the thread pool), check on the open descriptor that it is a
 * regular file within the size cap, and only then allocate and read.
 */
export async function readYamlFile(
  file: string,
  opts: ReadOptions = {},
  decode: (buf: Uint8Array) => ReadResult = decodeYaml,
): Promise<ReadResult> {
  const cap = Math.min(opts.maxBytes ?? MAX_READ, MAX_READ);
  let real: string;
  try {
    real = await fsp.realpath(file);
  } catch (e) {
    return { ok: false, reason: errText(e) };
  }
  if (opts.roots && !isInside(real, opts.roots))
    return { ok: false, reason: 'outside the workspace folders (after following links): not read' };
  let fh: fsp.FileHandle | undefined;
  try {
    const pre = await fsp.stat(real);
    if (!pre.isFile()) return { ok: false, reason: 'not a regular file: not read' };
    fh = await fsp.open(real, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0));
    const st = await fh.stat();
    if (!st.isFile()) return { ok: false, reason: 'not a regular file: not read' };
    if (st.size > cap)
      return { ok: false, reason: `${st.size} bytes is over the read limit of ${cap} bytes: not read` };
    // One byte more than the size, to notice a file that grew since stat.
    const buf = Buffer.allocUnsafe(st.size + 1);
    let n = 0;
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
      if (bytesRead === 0) break;
      n += bytesRead;
    }
    if (n > st.size) return { ok: false, reason: 'the file grew while it was read: not read' };
    return decode(buf.subarray(0, n));
  } catch (e) {
    return { ok: false, reason: errText(e) };
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

function errText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, '')}` : String((e as Error)?.message ?? e);
}
