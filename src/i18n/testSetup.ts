// Unit tests translate with every English message, the first part and the one loaded on demand.
import { loadLaterMessages } from './catalogue';

await loadLaterMessages();
