import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { setUnauthorizedListener } from './api/http-client';
import { i18n } from './app/i18n';
import { buildRouter } from './app/router';
import './app/theme.css';
import { useAuthStore } from './features/auth/auth.store';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
app.use(buildRouter());

// Any 401 from the API means the session ended (expired, revoked): back to the login.
const auth = useAuthStore(pinia);
setUnauthorizedListener(() => auth.forget());

document.documentElement.lang = i18n.global.locale.value;
app.mount('#app');

// Installable app (the tablet): the service worker keeps the app shell for reloads without signal.
// Production builds only, so the dev server's hot reload is never served from a cache.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
}
