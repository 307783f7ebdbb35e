/**
 * A render error in one view shows a message with a way back instead of blanking the window;
 * the open extract, the stores and the export log are untouched.
 */
import { Component, type ReactNode } from 'react';
import { MESSAGES, type Language } from '../../shared/i18n/messages';

interface Props {
  language: Language;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const m = MESSAGES[this.props.language];
    return (
      <div role="alert" className="error-box view-error" data-testid="view-error">
        <p>{m.viewFailed.replace('{reason}', error.message)}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {m.viewRetry}
        </button>
      </div>
    );
  }
}
