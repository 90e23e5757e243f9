// fake-indexeddb must be in place before dexie is first imported.
import 'fake-indexeddb/auto'
