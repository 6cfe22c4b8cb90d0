import { EmulatorError } from './errors';

/** Every line each function (route or job) logged, kept for `Emulator.logs()` and passed on to `onLog`. */
export class FunctionLogs {
  private readonly lines = new Map<string, string[]>();

  constructor(
    functionIds: readonly string[],
    private readonly onLog: (functionId: string, line: string) => void,
  ) {
    for (const functionId of functionIds) this.lines.set(functionId, []);
  }

  append(functionId: string, line: string): void {
    this.linesOf(functionId).push(line);
    this.onLog(functionId, line);
  }

  /** A copy, so a test's later assertions see the lines as they were when it asked. */
  of(functionId: string): readonly string[] {
    return [...this.linesOf(functionId)];
  }

  private linesOf(functionId: string): string[] {
    const lines = this.lines.get(functionId);
    if (!lines) throw new EmulatorError(`No function "${functionId}"; routes and jobs are ${[...this.lines.keys()].join(', ')}.`);
    return lines;
  }
}
