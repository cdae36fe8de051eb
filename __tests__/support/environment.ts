/**
 * Puts the environment variables `names` back as they were before each test of the calling file or
 * `describe`, for tests that set them: a variable unset before is unset again.
 */
export function restoreEnvironmentAfterEach(names: readonly string[]): void {
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  });
}
