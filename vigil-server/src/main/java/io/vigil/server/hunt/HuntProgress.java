package io.vigil.server.hunt;

/** Told how far a hunt is, from the thread that reads; implementations decide how often to show it. */
public interface HuntProgress {

    HuntProgress NONE = new HuntProgress() {
        @Override
        public void update(long bytesRead, long events, long detections) {
        }

        @Override
        public void done() {
        }
    };

    void update(long bytesRead, long events, long detections);

    void done();
}
