/**
 * Writes `openapi.json`, the OpenAPI 3.1 document of every route, from `lib/openapi.ts`:
 * `npx tsx scripts/openapi.ts`. With `--check`, writes nothing and exits 1 when the file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { OPENAPI_FILE, REGENERATE_COMMAND, renderOpenApiDocument } from '../lib/openapi';

const document = renderOpenApiDocument();
const relative = path.relative(process.cwd(), OPENAPI_FILE) || OPENAPI_FILE;

if (process.argv.includes('--check')) {
  let current: string | undefined;
  try {
    current = readFileSync(OPENAPI_FILE, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== document) {
    console.error(`${relative} is out of date: run ${REGENERATE_COMMAND}`);
    process.exit(1);
  }
  console.log(`${relative} is up to date`);
} else {
  writeFileSync(OPENAPI_FILE, document);
  console.log(`Wrote ${relative} (${Buffer.byteLength(document)} bytes)`);
}
