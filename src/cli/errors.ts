/** A failure the CLI reports as one line on stderr, with its exit code (1 failure, 2 bad usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad usage: wrong or missing arguments (exit code 2). */
export function usageError(message: string): CliError {
  return new CliError(message, 2);
}
