// The CUPS print-server images a household shares a USB printer with, known by their reference: the user each
// must start as and the network its AirPrint announcement needs are told by several checks.

/**
 * anujdatar's CUPS image (`anujdatar/cups`, the one its docs run with `--device /dev/bus/usb`): s6-overlay 3
 * (`CMD ["/init"]`), whose init script adds `CUPSADMIN` to the system's users, then supervises cupsd and an
 * avahi-daemon that announces the shared printers by mDNS.
 */
export const ANUJDATAR_CUPS_IMAGE = /^(docker\.io\/)?anujdatar\/cups(?=[:@]|$)/;

/**
 * chuckcharlie's AirPrint relay (`chuckcharlie/cups-avahi-airprint`): a start script, run as root, adds
 * `CUPSADMIN`, copies its settings between `/config` and `/etc/cups`, starts dbus-daemon and avahi-daemon, and
 * then runs cupsd, which registers each shared printer with Avahi. Its docs run it on the host's network only.
 */
export const CUPS_AIRPRINT_RELAY_IMAGE = /^(docker\.io\/)?chuckcharlie\/cups-avahi-airprint(?=[:@]|$)/;
