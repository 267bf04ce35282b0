// The villagers' entry (survey.html, served at /s/<token>): its own small bundle — nothing of the
// supervisors' app — with the service worker registered here too, so a slip opened once with
// signal opens again without, even on a phone that never saw the supervisors' app.
import { render } from 'preact';
import '../shared/base.css';
import './survey.css';
import { registerServiceWorker } from '../shared/service-worker';
import { SurveyApp } from './survey-app';

render(<SurveyApp />, document.getElementById('app')!);

// No "update available" prompt here: a new version takes over once every tab of the app is closed,
// never in the middle of a villager's answers.
registerServiceWorker(() => {});
