import { configPlaceholders } from '../constructs/validation/config-file-variables';

describe("Frigate's config placeholders", () => {
  test('finds each variable in braces, with its line and whether it is an unquoted whole value', () => {
    const file = 'mqtt:\n  password: {FRIGATE_MQTT_PASSWORD}\n  user: "{FRIGATE_MQTT_USER}"\ncameras:\n  door:\n    ffmpeg:\n      inputs:\n        - path: rtsp://admin:{FRIGATE_RTSP_PASSWORD}@cam:554/s1\n';
    expect(configPlaceholders(file)).toEqual([
      { line: 2, name: 'FRIGATE_MQTT_PASSWORD', unquoted: true, setting: 'password' },
      { line: 3, name: 'FRIGATE_MQTT_USER', unquoted: false },
      { line: 8, name: 'FRIGATE_RTSP_PASSWORD', unquoted: false },
    ]);
  });

  test("leaves out escaped braces, ffmpeg's own expressions and comments", () => {
    const file = "record:\n  output_args: '-vf drawtext=text=%{localtime\\:%X}'\nlabel: '{{FRIGATE_NOT_A_VARIABLE}}'\n# path: rtsp://admin:{FRIGATE_OLD}@cam\n";
    expect(configPlaceholders(file)).toEqual([]);
  });

  test("go2rtc's variables are written with a dollar, and one with its default is none to fill in", () => {
    const go2rtc = { image: /go2rtc/, app: 'go2rtc', placeholder: /\$\{([A-Za-z_]\w*)\}/g, written: (n: string) => n, section: 'env', secretsFolder: {}, unset: '', bracesAlone: false };
    expect(configPlaceholders('streams:\n  door: rtsp://admin:${CAM_PASSWORD}@cam/s1\n  yard: rtsp://${CAM_USER:admin}@cam/s2\n', go2rtc)).toEqual([
      { line: 2, name: 'CAM_PASSWORD', unquoted: false },
    ]);
  });
});
