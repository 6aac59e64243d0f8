// icsplan's version, as `icsplan --version` prints it: the version of package.json (a test keeps the two
// equal, so the bundle needs no file at run time).
export const VERSION = "0.1.0";
