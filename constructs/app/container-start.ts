import { ntfyServerProblems } from './ntfy-server';
import type { PropProblem } from '../validation/known-props';
import { backupReadProblems } from './backup-reads';
import { restServerStartProblems } from './rest-server-start';
import { resticForgetProblems } from './restic-forget';
import { resticRepositoryProblems } from './restic-repository';
import { hostLogReadProblems } from './host-log-reads';
import { readOnlyScriptWriteProblems } from './script-writes';
import { tailscaleStateDirProblems } from './tailscale-state';
import { wgEasyCapabilityProblems } from './wg-easy-settings';
import { nonRootChownProblems } from './chown-commands';
import { kernelCommandProblems } from './kernel-commands';
import { emptyCommandProblems } from './empty-commands';
import { dockerApiImageProblems } from './docker-api-images';
import { rootlessBuildKitProblems } from './buildkit-rootless';
import { dockerDaemonProblems } from './docker-daemon';
import { distributionRegistryProblems } from './distribution-registry';
import { unbracketedUrlWordProblems } from './ipv6-urls';
import { fileCapabilityProblems } from './file-capability-images';
import { runtimeDirProblems } from './image-runtime-dirs';
import { unmountedStateDirProblems } from './image-state-dirs';
import { influxdbSetupProblems } from './influxdb-setup';
import { modelCacheProblems } from './model-cache-home';
import { openWebuiSecretKeyProblems } from './open-webui-secret-key';
import { propContainers, PropContainerMounts } from './prop-containers';
import { keycloakStartProblems } from './keycloak-start';
import { authentikSettingProblems } from './authentik-settings';
import { minecraftServerProblems } from './minecraft-server';
import { minecraftBackupRconProblems } from './minecraft-backup-rcon';
import { wingsFolderProblems } from './pterodactyl-wings';
import { factorioStartProblems } from './factorio-start';
import { teamSpeakLicenseProblems } from './teamspeak-license';
import { mosquittoListenerProblems } from './mosquitto-listener';
import { alloyListenAddressProblems } from './alloy-listen-address';
import { victoriaRetentionProblems } from './victoria-metrics-flags';
import { alertmanagerDurationProblems } from './alertmanager-durations';
import { nextcloudRedisSessionProblems } from './nextcloud-redis-session';
import { nextcloudConsoleUserProblems } from './nextcloud-console-user';
import { nonRootStartProblems } from './root-started-images';
import { ignoredIdVariableProblems } from './puid-env';
import { timeZoneEnvProblems } from './time-zone-env';
import { unpackerrPathProblems } from './unpackerr-paths';
import { navidromeMusicFolderProblems } from './navidrome-music-folder';
import { minifluxStartProblems } from './miniflux-start';
import { linkwardenAuthUrlProblems } from './linkwarden-auth-url';
import { penpotFrontendStartProblems } from './penpot-frontend-start';
import { elasticsearchKeystoreProblems } from './elasticsearch-keystore';
import { unschemedConnectionUrlProblems } from './connection-url-schemes';
import { roundcubeMailServerProblems } from './roundcube-mail-servers';
import { radicaleIdProblems } from './radicale-ids';
import { paperlessSettingProblems } from './paperless-settings';
import { djangoCsrfOriginProblems } from './django-csrf-origins';
import { mealieOidcProblems } from './mealie-oidc';
import { inventreeSiteUrlProblems } from './inventree-site-url';
import { docmostEnvProblems } from './docmost-env';
import { rommEnvProblems } from './romm-env';
import { metabaseEnvProblems } from './metabase-env';
import { forgeDatabaseTypeProblems } from './forge-database-type';
import { wikijsEnvProblems } from './wikijs-env';
import { outlineLocalStorageProblems } from './outline-local-storage';
import { forgejoRunnerRegistrationProblems } from './forgejo-runner-registration';
import { clickhouseUserSetupProblems } from './clickhouse-user-setup';
import { ghostMailTlsProblems } from './ghost-mail-tls';
import { smtpTlsModeProblems } from './smtp-tls-modes';
import { grafanaSmtpHostProblems } from './smtp-host-ports';
import { gitSyncServedRootProblems } from './git-sync-served-root';
import { gitSyncRootProblems } from './git-sync-root';
import { teslaMateEnvProblems } from './teslamate-env';
import { n8nQueueEnvProblems } from './n8n-queue-env';
import type { ChownAppProps } from './chown-commands';

/**
 * What would stop containers of an app as they start, or run them as another user than meant, on the props
 * that wrote it: a linuxserver.io image run as its non-root user, a binary with a file capability its
 * container drops, a database whose socket folder is on the read-only root, an app whose state folder has
 * nothing mounted there, a model server whose download cannot write its cache, Open WebUI with no secret key where it cannot write the one it makes, Nextcloud's entrypoint writing its Redis session settings in root's folder, its cron.php or occ run as root,
 * Mosquitto 2 with no listener configured, Grafana Alloy serving its declared port on the pod's loopback alone, VictoriaMetrics given a `-retentionPeriod` it refuses, Keycloak's `start` without the settings it needs to start, get ready and answer behind a route, an Authentik setting of a section written with one underscore, a Minecraft server whose EULA is not accepted or whose heap the JVM cannot read, itzg/mc-backup beside a Minecraft server that disagrees with it about RCON, Pterodactyl's Wings handing the node's Docker folders the node does not have, Factorio's entrypoint unable to rewrite its config.ini, a TeamSpeak server whose license is not accepted, an image that works only through the Docker API (Watchtower, Nextcloud AIO), Docker's own daemon without the privileges it needs or called where it does not serve, `chown` run as a user other than root, a kernel module
 * loaded or a kernel setting written by a container that is not privileged, a `PUID` or `PGID` nothing
 * reads, a `TZ` no zone has (the app runs in UTC), a backup tool run as root that cannot read other users' files, a restic
 * forget whose retention restic cannot read or that has none, restic's REST server given its flags as `args` or started without `--path`, Unpackerr told to read a folder none of its volumes holds, Navidrome told
 * to read its library from a folder none of its volumes holds, Miniflux told to create its admin without a name or a password, Linkwarden's NEXTAUTH_URL off the path of its sign-in, Roundcube's IMAP or SMTP host whose TLS (`ssl://`, `tls://`) does not fit its port, tomsquest's Radicale given a `UID` or `GID` its entrypoint refuses on a read-only root, Paperless-ngx given a CSRF origin without its scheme (and Baby Buddy or wger given one), Mealie's OIDC_CONFIGURATION_URL that names no discovery document, its Tika parser on with no endpoint, or its consumption folder on NFS without polling, Docmost without a setting it requires or with a connection URL without its scheme, RomM without its auth secret key, its database's host or credentials, or given them under a name it never reads or a host with its port, Metabase given its database's password or user under a name it does not read (MB_DB_PASSWORD for MB_DB_PASS), Gitea or Forgejo given a database type they do not know (`postgresql`), Forgejo's runner given the registration variables of Gitea's act_runner image with nothing that registers it, ClickHouse's entrypoint writing its user file on a read-only root, Ghost's mail TLS against its port, git-sync with no root or one on no volume shared with the app, nginx serving the top of git-sync's volume in place of its link, a log shipper run as another user than root on
 * the node's logs, which only root may read; an empty `command`, which runs the image's entrypoint; a URL among its words with an IPv6 host
 * without brackets; ntfy not told to `serve`, or given settings `ntfy serve` refuses; InfluxDB 2 given a first-start setup its entrypoint cannot run; Elasticsearch given ELASTIC_PASSWORD on the read-only root; TubeArchivist's ES_URL or REDIS_CON, or Zigbee2MQTT's MQTT server, without a scheme; n8n's webhook processor outside queue mode, a queue-mode process on SQLite, or its Redis host written with a scheme or port. `containers` are the app's own (its props) or one added by
 * a call. Pure.
 */
export function containerStartProblems(props: ChownAppProps | null | undefined, app: string, containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  const list = [...containers];
  // An image that cannot work on a node at all is told that alone: how it would start does not matter.
  const dockerApi = dockerApiImageProblems(list);
  if (dockerApi.length > 0) {
    return dockerApi;
  }
  const refused = [...nonRootStartProblems(props, app, list), ...fileCapabilityProblems(props, app, list), ...runtimeDirProblems(props, app, list)];
  // An image already refused on the read-only root is told once, by what stops it first.
  const stateDirs = unmountedStateDirProblems(props, app, list).filter((problem) => !refused.some((other) => other.field === problem.field));
  return [
    ...emptyCommandProblems(list),
    ...refused,
    ...stateDirs,
    ...modelCacheProblems(list),
    ...influxdbSetupProblems(list),
    ...elasticsearchKeystoreProblems(list),
    ...list.flatMap(({ container, prefix }) => unschemedConnectionUrlProblems(container).map((problem) => ({ ...problem, field: `${prefix}${problem.field}` }))),
    ...openWebuiSecretKeyProblems(list),
    ...nextcloudRedisSessionProblems(props, app, list),
    ...nextcloudConsoleUserProblems(list),
    ...mosquittoListenerProblems(props, app, list),
    ...alloyListenAddressProblems(list),
    ...victoriaRetentionProblems(list),
    ...alertmanagerDurationProblems(list),
    ...keycloakStartProblems(props, app, list),
    ...authentikSettingProblems(props, app, list),
    ...minecraftServerProblems(list),
    ...minecraftBackupRconProblems(list),
    ...wingsFolderProblems(props, app).filter((p) => p.severity === 'error').map(({ severity: _severity, ...p }) => p),
    ...factorioStartProblems(list, props?.runAsUser),
    ...teamSpeakLicenseProblems(list),
    ...dockerDaemonProblems(list),
    ...distributionRegistryProblems(props, app, list),
    ...rootlessBuildKitProblems(list),
    ...nonRootChownProblems(props, app, list),
    ...kernelCommandProblems(list),
    ...ignoredIdVariableProblems(props, app, list, (prefix) => refused.some((problem) => problem.field === `${prefix}image`)),
    ...timeZoneEnvProblems(props, app, list),
    ...backupReadProblems(props, app, list),
    ...resticForgetProblems(list),
    ...resticRepositoryProblems(list),
    ...restServerStartProblems(list),
    ...unpackerrPathProblems(list),
    ...list.flatMap(navidromeMusicFolderProblems).filter((p) => p.severity === 'error').map(({ severity: _severity, ...p }) => p),
    ...list.flatMap((entry) => minifluxStartProblems(entry, list)).filter((p) => p.severity === 'error').map(({ severity: _severity, ...p }) => p),
    ...linkwardenAuthUrlProblems(list),
    ...inventreeSiteUrlProblems(list),
    ...roundcubeMailServerProblems(list),
    ...radicaleIdProblems(list),
    ...paperlessSettingProblems(props, list),
    ...djangoCsrfOriginProblems(list),
    ...mealieOidcProblems(list),
    ...docmostEnvProblems(list),
    ...rommEnvProblems(list),
    ...metabaseEnvProblems(list),
    ...forgeDatabaseTypeProblems(list),
    ...wikijsEnvProblems(list),
    ...outlineLocalStorageProblems(list),
    ...forgejoRunnerRegistrationProblems(list),
    ...clickhouseUserSetupProblems(list),
    ...ghostMailTlsProblems(list),
    ...smtpTlsModeProblems(list),
    ...grafanaSmtpHostProblems(list),
    ...gitSyncRootProblems(props, app, list),
    ...gitSyncServedRootProblems(props, app, list),
    ...teslaMateEnvProblems(list).filter((p) => p.severity === 'error').map(({ severity: _severity, ...p }) => p),
    ...n8nQueueEnvProblems(list),
    ...penpotFrontendStartProblems(props, app, list),
    ...hostLogReadProblems(props, app, list),
    ...readOnlyScriptWriteProblems(list),
    ...tailscaleStateDirProblems(list),
    ...wgEasyCapabilityProblems(list),
    ...unbracketedUrlWordProblems(list),
    ...ntfyServerProblems(list),
  ];
}
