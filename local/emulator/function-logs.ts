import { EmulatorError } from './errors';

/** Every line each function logged, kept for `Emulator.logs()` and passed on to `onLog`. */
export class FunctionLogs {
  private readonly lines = new Map<string, string[]>();

  constructor(
    routeIds: readonly string[],
    private readonly onLog: (routeId: string, line: string) => void,
  ) {
    for (const routeId of routeIds) this.lines.set(routeId, []);
  }

  append(routeId: string, line: string): void {
    this.linesOf(routeId).push(line);
    this.onLog(routeId, line);
  }

  /** A copy, so a test's later assertions see the lines as they were when it asked. */
  of(routeId: string): readonly string[] {
    return [...this.linesOf(routeId)];
  }

  private linesOf(routeId: string): string[] {
    const lines = this.lines.get(routeId);
    if (!lines) throw new EmulatorError(`No route "${routeId}"; routes are ${[...this.lines.keys()].join(', ')}.`);
    return lines;
  }
}
