import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * The one Logger and the one Metrics of a function. Service name, namespace
 * and log level come from the POWERTOOLS_* variables the stack sets; every
 * metric also names the stage, so stages sharing an account never count
 * each other's events.
 */
export const logger = new Logger();
export const metrics = new Metrics(process.env.STAGE ? { defaultDimensions: { stage: process.env.STAGE } } : {});
