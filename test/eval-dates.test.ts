import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evalDates, formatDatesReport } from '../src/eval/dates.js';

// The shared evaluation data lives beside the repository, not in it.
const dir = fileURLToPath(new URL('../../shared/eval/dates', import.meta.url));

describe('date evaluation', () => {
  it.skipIf(!existsSync(dir))(
    'scores sitrep and Readability on the shared gold set',
    async () => {
      const report = await evalDates(dir);
      console.log(formatDatesReport(report));
      const sitrep = report.systems.find((s) => s.name === 'sitrep')!;
      const readability = report.systems.find((s) => s.name === 'readability')!;
      expect(report.pages).toBeGreaterThan(100);
      expect(sitrep.accuracy).toBeGreaterThan(0.85);
      expect(sitrep.precision).toBeGreaterThan(0.9);
      expect(sitrep.accuracy).toBeGreaterThan(readability.accuracy);
    },
    600_000,
  );
});
