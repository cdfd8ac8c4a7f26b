export const BUILT_ENTRY: string;
export const BUILT_INPUTS: string;
/** The built command line's path if it may run from `root`, else undefined (missing, or a source is newer). */
export function builtCli(root: string): string | undefined;
