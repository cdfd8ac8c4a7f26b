import '../../ui/base.css';
import '../../ui/options.css';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../ui/options-app';

createRoot(document.getElementById('root')!).render(<OptionsApp />);
