/**
 * The binary container of sitrep's trained models: a JSON header naming typed-array sections, then the
 * sections, the whole gzipped. Arrays are read back as views of one buffer, with no parsing per weight.
 */
import { gzipSync, gunzipSync } from 'node:zlib';

const MAGIC = 'SITREPM1';

type ArrayKind = 'u8' | 'u16' | 'u32' | 'i32' | 'f32';
export type ModelArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

interface SectionHeader {
  name: string;
  kind: ArrayKind;
  length: number;
  offset: number;
}

function kindOf(a: ModelArray): ArrayKind {
  if (a instanceof Uint8Array) return 'u8';
  if (a instanceof Uint16Array) return 'u16';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'f32';
}

export interface ModelFile {
  /** Free-form JSON metadata (tag and label names, scores, provenance). */
  meta: Record<string, unknown>;
  arrays: Record<string, ModelArray>;
}

export function encodeModel(file: ModelFile): Buffer {
  const sections: SectionHeader[] = [];
  let offset = 0;
  for (const [name, a] of Object.entries(file.arrays)) {
    offset = (offset + 7) & ~7;
    sections.push({ name, kind: kindOf(a), length: a.length, offset });
    offset += a.byteLength;
  }
  const header = Buffer.from(JSON.stringify({ meta: file.meta, sections }), 'utf8');
  const start = (MAGIC.length + 4 + header.length + 7) & ~7;
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, MAGIC.length + 4);
  sections.forEach((s, i) => {
    const a = Object.values(file.arrays)[i]!;
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, start + s.offset);
  });
  return gzipSync(out, { level: 9 });
}

export function decodeModel(gz: Buffer): ModelFile {
  const raw = gunzipSync(gz);
  if (raw.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a sitrep model file');
  const headerLength = raw.readUInt32LE(MAGIC.length);
  const { meta, sections } = JSON.parse(raw.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as { meta: Record<string, unknown>; sections: SectionHeader[] };
  const start = (MAGIC.length + 4 + headerLength + 7) & ~7;
  // A fresh aligned copy: typed-array views need their offset to be a multiple of the element size.
  const body = new ArrayBuffer(raw.length - start);
  new Uint8Array(body).set(raw.subarray(start));
  const arrays: Record<string, ModelArray> = {};
  for (const s of sections) {
    const make = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f32: Float32Array }[s.kind];
    arrays[s.name] = new make(body, s.offset, s.length);
  }
  return { meta, arrays };
}

/** Strings as one newline-joined UTF-8 section. */
export function encodeStrings(strings: readonly string[]): Uint8Array {
  return new Uint8Array(Buffer.from(strings.join('\n'), 'utf8'));
}

export function decodeStrings(a: ModelArray): string[] {
  const text = Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('utf8');
  return text === '' ? [] : text.split('\n');
}
