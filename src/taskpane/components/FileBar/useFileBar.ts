import { useCallback, useRef, useState } from 'react';
import type { FileBarProps, FileBarState } from './FileBar.types';

/** Saves bytes as a file: a Blob URL on a temporary <a download>. */
export function saveBytes(
  name: string,
  bytes: Uint8Array,
  type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): void {
  const blob = new Blob([new Uint8Array(bytes)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the URL once the click is handled; free it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** State of the file bar: the hidden file input, opening and downloading. */
export function useFileBar(props: FileBarProps): FileBarState {
  const { onOpen, onDownload, onError } = props;
  const inputRef = useRef<HTMLInputElement>(null);
  const [opening, setOpening] = useState(false);
  const [downloading, setDownloading] = useState(false);

  const pick = useCallback(() => inputRef.current?.click(), []);

  const onInputChange = useCallback(
    (event: React.ChangeEvent<HTMLInputElement>) => {
      const input = event.currentTarget;
      const file = input.files?.[0];
      if (!file) return;
      setOpening(true);
      onOpen(file)
        .catch(onError)
        .finally(() => {
          setOpening(false);
          // Let the same file be picked again (after fixing it in Excel).
          input.value = '';
        });
    },
    [onOpen, onError],
  );

  const download = useCallback(() => {
    setDownloading(true);
    onDownload()
      .then(({ name, bytes }) => saveBytes(name, bytes))
      .catch(onError)
      .finally(() => setDownloading(false));
  }, [onDownload, onError]);

  return {
    t: props.t,
    ...(props.fileName !== undefined ? { fileName: props.fileName } : {}),
    offline: props.offline ?? false,
    busy: props.busy,
    canDownload: props.canDownload,
    opening,
    downloading,
    inputRef,
    pick,
    onInputChange,
    download,
  };
}
