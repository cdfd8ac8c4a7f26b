import '../../ui/base.css';
import '../../ui/popup.css';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../ui/popup-app';

createRoot(document.getElementById('root')!).render(<PopupApp />);
