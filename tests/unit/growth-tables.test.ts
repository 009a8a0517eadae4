/** The WHO tables in the project are the ones in PROVENANCE.md, and the bundled module matches them. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { whoLmsTables } from '../../src/growth/who-lms-tables.generated.ts';
import { readLmsCsv } from '../../scripts/generate-growth-tables.ts';

const files = [
  ['weight', 'weight-for-age.csv', '44e804f8a9c17acfa961defbfae1afcb4d35b50b5786de13d88ef8f3600158a6'],
  ['length', 'length-for-age.csv', '139c63e4f0a87cc463073e653b2b645689bc8b0462d5b1e66203cec12350941d'],
  ['headCircumference', 'head-circumference-for-age.csv', '8976f30f07dbbd0437b4bc008445633ccbc2d5ca95837ad8596f5f28e45d52b8'],
  ['bmi', 'bmi-for-age.csv', '964fb5422c7562606610439580e910fbf33ab3f7a4532801b1a4a468f513edb2'],
] as const;

describe.each(files)('%s table (%s)', (measurement, file, sha256) => {
  const text = readFileSync(new URL(`../../src/growth/data/${file}`, import.meta.url), 'utf8');

  test('has the checksum recorded in PROVENANCE.md', () => {
    expect(createHash('sha256').update(text).digest('hex')).toBe(sha256);
    expect(readFileSync(new URL('../../src/growth/data/PROVENANCE.md', import.meta.url), 'utf8')).toContain(sha256);
  });

  test('the bundled module holds exactly the CSV values, days 0 to 1826 for each sex', () => {
    const csv = readLmsCsv(text);
    for (const sex of ['male', 'female'] as const) {
      const bundled = whoLmsTables[measurement][sex];
      expect(bundled.L).toHaveLength(1827);
      expect(bundled.L).toEqual(csv[sex].L.map(Number));
      expect(bundled.M).toEqual(csv[sex].M.map(Number));
      expect(bundled.S).toEqual(csv[sex].S.map(Number));
    }
  });
});
