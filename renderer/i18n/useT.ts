import { EXTRACT_ERROR_MESSAGES, MESSAGES, type MessageKey } from '../../shared/i18n/messages';
import type { ExtractErrorInfo } from '../../shared/extract/errors';
import { useViewStore } from '../stores/view';

export function useT(): (key: MessageKey) => string {
  const language = useViewStore((s) => s.language);
  return (key) => MESSAGES[language][key];
}

export function useExtractErrorMessage(): (error: ExtractErrorInfo) => string {
  const language = useViewStore((s) => s.language);
  return (error) => EXTRACT_ERROR_MESSAGES[language][error.code];
}
