import { mediaFolder } from '../constructs/services/media-settings';

// A settings folder written with a trailing slash, as a NixOS option or a compose .env may have it, gave
// hostPaths such as /srv/config//sonarr.
test('a media host folder ending in / joins its sub-folder with one slash', () => {
  expect(mediaFolder('/srv/config/', 'sonarr')).toBe('/srv/config/sonarr');
  expect(mediaFolder('/srv/data', 'files')).toBe('/srv/data/files');
  expect(mediaFolder('/', 'media')).toBe('/media');
});
