import type { RefObject } from 'react';
import type { Strings } from '../../strings';

/** Props of the file bar (file mode only). */
export interface FileBarProps {
  readonly t: Strings;
  /** The open file's name, if any. */
  readonly fileName?: string;
  /** The single offline file: say, always, that nothing leaves the computer. */
  readonly offline?: boolean;
  /** Opening a file or running: the buttons wait. */
  readonly busy: boolean;
  /** Show the download button (after a successful run or after creating sheets). */
  readonly canDownload: boolean;
  readonly onOpen: (file: File) => Promise<void>;
  readonly onDownload: () => Promise<{ name: string; bytes: Uint8Array }>;
  readonly onError: (error: unknown) => void;
}

/** State of the file bar. */
export interface FileBarState {
  readonly t: Strings;
  readonly fileName?: string;
  readonly offline: boolean;
  readonly busy: boolean;
  readonly canDownload: boolean;
  readonly opening: boolean;
  readonly downloading: boolean;
  readonly inputRef: RefObject<HTMLInputElement>;
  readonly pick: () => void;
  readonly onInputChange: (event: React.ChangeEvent<HTMLInputElement>) => void;
  readonly download: () => void;
}
