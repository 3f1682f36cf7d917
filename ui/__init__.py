"""The Streamlit console: a client of the planassist HTTP API (`streamlit run ui/app.py -- --api URL`)."""
