import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';

// Calibre-Web keeps its books in a Calibre library, whose metadata.db it writes on every upload, metadata edit,
// conversion and shelf of the books themselves: a library folder it may not write (the NAS's share mounted read-only,
// as comic readers take theirs) is taken with no more than the warning "DB is not Writeable" in its settings, and
// each of those then fails. A lab may serve a library read-only on purpose, so this is a warning.

/** linuxserver.io's Calibre-Web image, the one whose README mounts the library at `/books`. */
const CALIBRE_WEB_IMAGE = /^(lscr\.io\/|ghcr\.io\/|(docker\.io\/)?)linuxserver\/calibre-web(?=[:@]|$)/;

/** Where linuxserver.io's image expects the Calibre library. */
const LIBRARY_FOLDER = '/books';

/**
 * A `persistence` entry of a Calibre-Web app (its main container) that mounts the library folder `/books`
 * read-only: one warning on its `readOnly`. Pure.
 */
export function calibreWebLibraryProblems(props: { readonly image?: unknown; readonly persistence?: unknown }): Array<PropProblem & { readonly severity: 'warning' }> {
  if (typeof props.image !== 'string' || !CALIBRE_WEB_IMAGE.test(props.image) || props.persistence === null || typeof props.persistence !== 'object') {
    return [];
  }
  return Object.entries(props.persistence as Record<string, { mountPath?: unknown; readOnly?: unknown; containers?: unknown } | null>).flatMap(([name, entry]) => (
    entry !== null && typeof entry === 'object' && entry.readOnly === true && entry.containers === undefined
      && typeof entry.mountPath === 'string' && normalMountPath(entry.mountPath) === LIBRARY_FOLDER
      ? [{
        severity: 'warning' as const, field: `persistence.${name}.readOnly`,
        message: `Calibre-Web writes the Calibre library's metadata.db in ${LIBRARY_FOLDER} at every upload, metadata edit and conversion; mounted read-only, it takes the library `
          + 'with no more than "DB is not Writeable" in its settings, and each of those fails',
        hint: `mount the library writable (drop readOnly: true from persistence.${name}), with the share's folder writable by the app's user (PUID)`,
      }]
      : []));
}
