/**
 * Bytes → text. Decides whether a buffer is text at all, and which charset it is in:
 * BOM, then strict UTF-8, then the charset the content declares (HTML meta, XML declaration,
 * HTTP header). Anything else is reported, never guessed into mojibake.
 */

export class InputError extends Error {
  constructor(
    readonly reason: string,
    readonly record?: string,
  ) {
    super(reason);
  }
}

const BINARY_MAGIC: Array<[string, number[]]> = [
  ['PDF document', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['bzip2 archive', [0x42, 0x5a, 0x68]],
  ['xz archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
  ['zstd archive', [0x28, 0xb5, 0x2f, 0xfd]],
];

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** The UTF-16 byte order a BOM at the start of `bytes` gives, or null. */
export function utf16Bom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Names the kind of binary content, or null when the bytes look like text in some charset. */
export function binaryKind(bytes: Uint8Array): string | null {
  for (const [name, magic] of BINARY_MAGIC) if (startsWith(bytes, magic)) return name;
  if (utf16Bom(bytes)) return null;
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return 'binary data (NUL bytes)';
    // Control characters other than tab, LF, FF, CR, ESC (ISO-2022 uses ESC).
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13 && b !== 27) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1 ? 'binary data (control bytes)' : null;
}

const CHARSET_IN_META = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;
const CHARSET_IN_XML = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i;

/** How far into a page a charset declaration is looked for: the HTML pre-scan's 1024 bytes, which real pages overrun. */
const DECLARATION_SCAN_BYTES = 8192;

/** The charset a document declares about itself, looking only at its ASCII-compatible head. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, DECLARATION_SCAN_BYTES)).toString('latin1');
  return (CHARSET_IN_XML.exec(head) ?? CHARSET_IN_META.exec(head))?.[1]?.toLowerCase() ?? null;
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal: true });
  } catch {
    return null;
  }
}

/**
 * Decodes text bytes. `hintCharset` is a charset from outside the content (an HTTP header).
 * Throws InputError with a one-line reason when the bytes are binary or cannot be decoded.
 */
export function decodeText(bytes: Uint8Array, hintCharset?: string | null): string {
  if (bytes.length === 0) throw new InputError('empty file');
  const binary = binaryKind(bytes);
  if (binary) throw new InputError(`not text: ${binary}`);
  const bom = utf16Bom(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes);
  const utf8 = decoderFor('utf-8')!;
  try {
    return utf8.decode(bytes);
  } catch {
    // Not UTF-8: fall through to what the document or its transport declares.
  }
  const declared = [hintCharset?.toLowerCase(), declaredCharset(bytes)].filter(
    (c): c is string => !!c && c !== 'utf-8' && c !== 'utf8',
  );
  for (const label of declared) {
    const decoder = decoderFor(label);
    if (!decoder) throw new InputError(`unknown declared charset "${label}"`);
    try {
      return decoder.decode(bytes);
    } catch {
      throw new InputError(`invalid ${label} bytes (declared charset does not match the content)`);
    }
  }
  throw new InputError('invalid UTF-8 and no charset declared');
}
