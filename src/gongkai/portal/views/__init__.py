"""Views of the portal: applying and looking up the progress (`applications`), feedback (`feedback`), the site's
own small views (`site`), and the office's feedback desk in the admin (`feedback_desk`)."""
