import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { markPainted } from './lib/felt-speed';
import { language } from './lib/i18n/messages';

document.documentElement.lang = language.locale;
document.documentElement.dir = language.dir;

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');
const app = mount(App, { target });
markPainted('first-paint');
export default app;
