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
  MalformedResponseError,
  PayloadTooLargeError,
} from './errors';
