// Roundcube's official images (roundcube/roundcubemail), by variant, as their tags name them.

/** Roundcube's official image, any variant (Apache, its non-root Apache, PHP-FPM). */
export const ROUNDCUBE_IMAGE = /^(docker\.io\/)?roundcube\/roundcubemail(?=[:@]|$)/;

/**
 * Roundcube's images that start as root (every variant but `-nonroot`): Apache's or PHP-FPM's master process stays
 * root and runs its workers as www-data, and the entrypoint gives its SQLite folder to www-data with `chown`.
 */
export const ROUNDCUBE_ROOT_IMAGE = /^(docker\.io\/)?roundcube\/roundcubemail(?=[:@]|$)(?![^@]*nonroot)/;

/** Roundcube's Apache image run as root (`latest`, `1.6.9`, `1.6.9-apache`): Apache listens on 80. */
export const ROUNDCUBE_APACHE_IMAGE = /^(docker\.io\/)?roundcube\/roundcubemail(?=[:@]|$)(?![^@]*(fpm|nonroot))/;

/** Roundcube's non-root Apache image (`latest-nonroot`, `1.6.9-apache-nonroot`), whose Dockerfile moves Apache to 8000. */
export const ROUNDCUBE_NONROOT_IMAGE = /^(docker\.io\/)?roundcube\/roundcubemail:(?![^@]*fpm)[^@]*nonroot/;
