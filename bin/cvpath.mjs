#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so `npx cvpath` works straight from a clone.
import { register } from 'tsx/esm/api';

register();
await import('../cli/run.ts');
