/** The baseline of the cold-start benchmark: a handler that does nothing, bundled and measured like the real ones. */
export const handler = async () => ({ statusCode: 200 });
