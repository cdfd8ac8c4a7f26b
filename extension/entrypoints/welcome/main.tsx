import '../../ui/base.css';
import '../../ui/options.css';
import { createRoot } from 'react-dom/client';
import { WelcomeApp } from '../../ui/welcome-app';

createRoot(document.getElementById('root')!).render(<WelcomeApp />);
