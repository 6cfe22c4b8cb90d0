export { startEmulator } from './emulator';
export type { Emulator, EmulatorOptions } from './options';
export {
  BundleError,
  ConcurrencyLimitError,
  ContainerExitError,
  EmulatorError,
  FunctionError,
  FunctionTimeoutError,
  InvocationError,
  JobInvocationError,
  MalformedResponseError,
  PayloadTooLargeError,
  type FunctionKind,
} from './errors';
export { scheduledEvent } from './job-scheduler';
