import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The document client every DynamoDB caller uses: bounded (two attempts, a
 * second to connect, two to answer), so a store that hangs fails well inside
 * the function's timeout instead of running into it.
 */
export function documentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 } }), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** A condition of a put or update did not hold; matched by name, which survives bundling and SDK copies. */
export function isConditionalCheckFailed(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}
