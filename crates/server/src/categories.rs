//! Category use cases for every door: the default palette and the categories a workspace adds
//! with their colours, which blocks then pick from. Anyone who works in the workspace lists,
//! adds and removes them.

use crate::error::AppError;
use crate::state::AppState;
use domain::session::{NAME_MAX, OpError, colour, line};
use domain::{CategoryId, FieldError};
use store::{CategoryRow, User};

/// The categories of the workspace `user` works in, by name.
pub async fn list(state: &AppState, user: &User) -> Result<Vec<CategoryRow>, AppError> {
    let (workspace, _) = state.store.working_in(user.id).await?;
    Ok(state.store.categories(workspace).await?)
}

/// Adds a category with a colour (`#rrggbb`) to the workspace `user` works in. A name the
/// workspace has is `Conflict("category_taken")`.
pub async fn add(
    state: &AppState,
    user: &User,
    name: &str,
    colour_text: &str,
) -> Result<CategoryId, AppError> {
    let mut refused = Vec::new();
    let name = match line(name, NAME_MAX) {
        Ok(n) if n.is_empty() => {
            refused.push(("name", FieldError::Required));
            n
        }
        Ok(n) => n,
        Err(OpError::TooLong) => {
            refused.push(("name", FieldError::TooLong { max: NAME_MAX }));
            String::new()
        }
        Err(_) => {
            refused.push(("name", FieldError::ControlCharacters));
            String::new()
        }
    };
    let colour = colour(colour_text);
    if colour.is_none() {
        refused.push(("colour", FieldError::InvalidColour));
    }
    let (Some(colour), true) = (colour, refused.is_empty()) else {
        return Err(AppError::Validation(refused));
    };
    let (workspace, _) = state.store.working_in(user.id).await?;
    Ok(state.store.add_category(workspace, &name, &colour).await?)
}

/// Removes a category of the workspace `user` works in; blocks keep its name.
pub async fn remove(state: &AppState, user: &User, id: CategoryId) -> Result<(), AppError> {
    let (workspace, _) = state.store.working_in(user.id).await?;
    Ok(state.store.delete_category(workspace, id).await?)
}
