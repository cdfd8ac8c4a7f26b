/** What a command may touch of its process: output lines and the environment (tests pass their own). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
}

export type Command = (argv: string[], io: Io) => Promise<number>;
