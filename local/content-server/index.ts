export { startContentServer, type ContentServer, type ContentServerOptions, type RecordedRequest } from './server';
export type { ContentServerFault } from './faults';
export { SAMPLE_CONTENT, SAMPLE_DRAFT_SLUG, SAMPLE_SLUGS } from './sample-content';
export type { Attribute, ContentSet, ContentType, Entry, JsonValue, Media, MediaFormat, NonScalarAttribute, ScalarType, Schema } from './content-set';
export { uploadedImage, type UploadedImageOptions } from './sample-media';
