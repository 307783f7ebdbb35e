/** Types for installer-checksums.mjs. */
export declare const INSTALLER_DIR: string;
export declare const CHECKSUM_FILE: string;
export declare function sha256File(file: string): Promise<string>;
export declare function writeInstallerChecksums(folder?: string): Promise<string[]>;
