import '../../ui/base.css';
import '../../ui/dashboard.css';
import { createRoot } from 'react-dom/client';
import { DashboardApp } from '../../ui/dashboard-app';

createRoot(document.getElementById('root')!).render(<DashboardApp />);
