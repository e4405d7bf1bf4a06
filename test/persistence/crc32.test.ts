import { randomBytes } from 'node:crypto';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32 } from '../../lambda/persistence/crc32';

describe('crc32, the checksum DynamoDB sends as x-amz-crc32', () => {
  test('the check value of CRC-32/ISO-HDLC: "123456789" -> 0xCBF43926; nothing -> 0', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  test('agrees with zlib on bodies of every length up to 300 bytes and on a large one', () => {
    for (let length = 0; length <= 300; length++) {
      const bytes = randomBytes(length);
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
    const large = randomBytes(100_000);
    expect(crc32(large)).toBe(zlibCrc32(large));
  });
});
