/** The request target split the way payload 2.0 reports it. */
export interface RequestTarget {
  /** The path as the client sent it, still percent-encoded; the router matches on its segments. */
  readonly encodedPath: string;
  /** Everything after `?`, without the `?` (and without a fragment, which browsers never send). */
  readonly rawQueryString: string;
}

export function splitRequestTarget(url: string): RequestTarget {
  const withoutFragment = url.split('#', 1)[0] ?? '';
  const queryStart = withoutFragment.indexOf('?');
  if (queryStart === -1) return { encodedPath: withoutFragment || '/', rawQueryString: '' };
  return {
    encodedPath: withoutFragment.slice(0, queryStart) || '/',
    rawQueryString: withoutFragment.slice(queryStart + 1),
  };
}

/** Percent-decodes, leaving a malformed escape as it came rather than failing the request. */
export function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** HTTP API hands the function the decoded path in `rawPath` and `requestContext.http.path`. */
export function decodePath(encodedPath: string): string {
  return encodedPath.split('/').map(decodeComponent).join('/');
}

/**
 * `queryStringParameters`: each name and value decoded (`+` as a space, as in a form),
 * repeated names joined with commas. Undefined when there is no parameter, as in AWS.
 */
export function parseQueryString(rawQueryString: string): Record<string, string> | undefined {
  // No prototype: `__proto__=x` is a parameter like any other, as it is in API Gateway's JSON event.
  const parameters: Record<string, string> = Object.create(null);
  for (const pair of rawQueryString.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const rawName = separator === -1 ? pair : pair.slice(0, separator);
    const rawValue = separator === -1 ? '' : pair.slice(separator + 1);
    const name = decodeComponent(rawName.replaceAll('+', ' '));
    const value = decodeComponent(rawValue.replaceAll('+', ' '));
    parameters[name] = Object.hasOwn(parameters, name) ? `${parameters[name]},${value}` : value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}
