// The supervisors' entry: styles, then the app into #app.
import { render } from 'preact';
import '../shared/base.css';
import './supervisor.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
