/** Bookkeeping dates of sample entries. */

export interface EntryTimestamps {
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly publishedAt: string | null;
}

/** Created in the morning of `day` (YYYY-MM-DD), edited and published an hour later. */
export function publishedOn(day: string): EntryTimestamps {
  return { createdAt: `${day}T09:12:31.204Z`, updatedAt: `${day}T10:05:47.918Z`, publishedAt: `${day}T10:05:48.002Z` };
}

/** Saved on `day` but never published: hidden from every answer but previews. */
export function draftOn(day: string): EntryTimestamps {
  return { createdAt: `${day}T15:40:02.511Z`, updatedAt: `${day}T16:22:19.730Z`, publishedAt: null };
}
