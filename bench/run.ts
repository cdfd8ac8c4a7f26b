import { benchExport } from './export.bench';
import { benchImport } from './import.bench';
import { benchLatency } from './latency.bench';
import { benchOffline } from './offline.bench';
import { benchTokens } from './tokens.bench';

/** `npm run bench`: prints every figure the targets are judged on. Exit code 1 if a target is missed. */
const results = [await benchOffline(), await benchLatency(), await benchTokens(), await benchImport(), await benchExport()];
console.log(results.every(Boolean) ? '\nAll benchmark targets met.' : '\nSome benchmark targets were missed (see FAIL above).');
process.exitCode = results.every(Boolean) ? 0 : 1;
